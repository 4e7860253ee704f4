/**
 * The demo data (DOMAIN.md) of each subgraph that has some, by its name in the subgraph list
 * (subgraphs/subgraph-list.ts). `npm start` and the test setup load it (scripts/local-system.ts,
 * loadDemoData); a listed subgraph without an entry here starts with an empty table. The registry
 * is here, not in the list entries, because demo data is dev-time code: subgraphs/ never imports scripts/.
 */
import type { SubgraphStorage } from '../../subgraphs/subgraph-list.js';
import { generateDemoEmployers, loadEmployersDemoData, withDemoHires, type DemoEmployers } from './employers.js';
import { loadPeopleDemoData } from './people.js';
import { generateProgramsDemo, loadProgramsDemoData, type ProgramsDemo } from './programs.js';

/**
 * The demo as one generated world, since the subgraphs' demos stand on each other: the programs
 * demo decides which placements went past INTENT, and the employers demo records those hires
 * (hiring capacity is the employers subgraph's).
 */
export interface DemoWorld {
  readonly employers: DemoEmployers;
  readonly programs: ProgramsDemo;
}

export function generateDemoWorld(): DemoWorld {
  const employers = generateDemoEmployers();
  const programs = generateProgramsDemo(employers);
  return { employers: withDemoHires(employers, programs.hires), programs };
}

/** Loads one subgraph's part of the world into its table, idempotently; resolves with what it did, for the log. */
export type DemoDataLoader = (storage: SubgraphStorage, world: DemoWorld) => Promise<string>;

export const demoDataLoaders: Readonly<Record<string, DemoDataLoader>> = {
  people: async (storage, world) => {
    // The employment registrations the programs demo's REGISTERED placements link to.
    const people = await loadPeopleDemoData(storage, undefined, undefined, world.programs.employmentRegistrations);
    return `people ${people.created} added, ${people.existing} already there`;
  },
  employers: async (storage, world) => {
    // The people the programs demo places: what the people table's stream would have projected.
    const { employers, postings } = await loadEmployersDemoData(
      storage,
      world.employers,
      world.programs.profiles.map((p) => p.personId),
    );
    return `employers ${employers.created} added, ${employers.existing} already there; job postings ${postings.created} added, ${postings.existing} already there`;
  },
  programs: async (storage, world) => {
    const { programs, placements } = await loadProgramsDemoData(storage, world.programs, world.employers);
    return `programs ${programs.created} added (with ${placements} placements), ${programs.existing} already there`;
  },
};

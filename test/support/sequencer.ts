import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What a test file that reads the shared demo tables says (useLocalSystem / the subgraph fixtures). */
const READS_SHARED_DEMO = /loadDemoData: true|sharedDemo: true/;

/**
 * vitest's order (slowest and failed first, from its cache), except that the files reading the shared
 * demo tables come after all others: global-setup loads the demo in the background while the other
 * files run, so these find it loaded instead of holding a worker while they wait for it.
 */
export default class SharedDemoLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const readsDemo = new Set(sorted.filter((spec) => READS_SHARED_DEMO.test(readFileSync(spec.moduleId, 'utf8'))));
    return [...sorted.filter((spec) => !readsDemo.has(spec)), ...sorted.filter((spec) => readsDemo.has(spec))];
  }
}

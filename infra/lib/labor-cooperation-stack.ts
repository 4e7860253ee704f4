import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TableDefinition } from '../../subgraphs/shared/table-definition.js';
import { SubgraphTable } from './subgraph-table.js';

export interface LaborCooperationStackProps extends StackProps {
  readonly stage: 'dev' | 'prod';
  readonly subgraphs: readonly { readonly name: string; readonly table: TableDefinition }[];
}

/**
 * The deployed system. So far: one table per subgraph, from the subgraph list. The functions, the
 * gateway and its HTTP API come with the infrastructure issue.
 */
export class LaborCooperationStack extends Stack {
  readonly tables: Readonly<Record<string, SubgraphTable>>;

  constructor(scope: Construct, id: string, props: LaborCooperationStackProps) {
    super(scope, id, props);
    this.tables = Object.fromEntries(
      props.subgraphs.map((subgraph) => [
        subgraph.name,
        new SubgraphTable(this, `${subgraph.name[0]!.toUpperCase()}${subgraph.name.slice(1)}Table`, {
          definition: subgraph.table,
          retain: props.stage === 'prod',
        }),
      ]),
    );
  }
}

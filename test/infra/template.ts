/** Reading a synthesized CloudFormation template: resources by type, and what an intrinsic points at. */

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, any>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

export function resourcesOfType(template: CfnTemplate, type: string): [logicalId: string, resource: CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The logical IDs a value refers to through Ref or Fn::GetAtt, anywhere inside it. */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string') return object.Ref.startsWith('AWS::') ? [] : [object.Ref];
  if (Array.isArray(object['Fn::GetAtt'])) return [object['Fn::GetAtt'][0] as string];
  return Object.values(object).flatMap(referencedIds);
}

export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

export const actionsOf = (statement: PolicyStatementJson) => [statement.Action].flat();

/** Every statement of every IAM policy attached to the role with this logical ID. */
export function statementsOfRole(template: CfnTemplate, roleId: string): PolicyStatementJson[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => referencedIds(policy.Properties.Roles).includes(roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]);
}

/** The logical ID of a function's execution role. */
export const roleOf = (fn: CfnResource) => referencedIds(fn.Properties.Role)[0]!;

/**
 * The social insurance subsidy schemes a program's terms can carry. The article has one: Shanxi's
 * employee-system pilot (员工制), whose sending counties subsidise registered-poor workers'
 * contributions for at most 3 years, at most 2/3 of the actual contribution. A program without a
 * scheme takes no subsidy claims.
 */
import { ARTICLE_SOURCE } from './poverty-designations.js';
import { SUBSIDY_MAX_MONTHS } from './social-insurance-subsidy.js';

export type SubsidyScheme = 'SHANXI_EMPLOYEE_SYSTEM';

export interface SubsidySchemeRule {
  readonly scheme: SubsidyScheme;
  readonly maxMonths: number;
  readonly maxShareOfContribution: string;
  readonly registeredPoorOnly: boolean;
  readonly source: string;
}

export const SUBSIDY_SCHEMES: Readonly<Record<SubsidyScheme, SubsidySchemeRule>> = {
  SHANXI_EMPLOYEE_SYSTEM: {
    scheme: 'SHANXI_EMPLOYEE_SYSTEM',
    maxMonths: SUBSIDY_MAX_MONTHS,
    maxShareOfContribution: '2/3',
    registeredPoorOnly: true,
    source: `${ARTICLE_SOURCE}: 对建档立卡贫困劳动力，由输出县给予最长3年、不超过个人实际缴费2/3的社会保险补贴`,
  },
};

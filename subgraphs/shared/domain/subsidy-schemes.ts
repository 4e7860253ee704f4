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
  /** Who pays it. */
  readonly payer: string;
  /** How the workers are insured, which the subsidy is of. */
  readonly insuranceRoute: string;
  readonly source: string;
}

export const SUBSIDY_SCHEMES: Readonly<Record<SubsidyScheme, SubsidySchemeRule>> = {
  SHANXI_EMPLOYEE_SYSTEM: {
    scheme: 'SHANXI_EMPLOYEE_SYSTEM',
    maxMonths: SUBSIDY_MAX_MONTHS,
    maxShareOfContribution: '2/3',
    registeredPoorOnly: true,
    payer: '输出地县级政府，从统筹整合的扶贫资金中列支',
    insuranceRoute: '劳务输出人员按城镇灵活就业人员参加基本养老、基本医疗保险',
    source: `${ARTICLE_SOURCE}：“对建档立卡贫困劳动力，输出地县级政府从统筹整合的扶贫资金中给予其最长3年的社会保险补贴，补贴标准不超过本人实际缴费的2/3。”`,
  },
};

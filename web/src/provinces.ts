// The product's one list of divisions (GB/T 2260): the filters offer exactly what the API accepts.
import { allDivisions, isProvinceCode } from '../../subgraphs/shared/domain/regions';

export const PROVINCES = allDivisions().filter((d) => isProvinceCode(d.code));

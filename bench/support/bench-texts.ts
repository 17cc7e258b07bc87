import { sql } from 'kysely';

/** Problems as enterprises word them: the head of the distribution, shared by many issues. */
const TITLES = [
  '线路故障频繁停电影响连续生产',
  '厂区供水压力不足影响生产',
  '冬季集中供暖未覆盖厂区',
  '天然气管道压力不足',
  '园区污水管网堵塞返水',
  '申请延续排污许可证',
  '施工许可审批进度缓慢',
  '消防验收排队时间长',
  '不动产登记材料反复补正',
  '环评批复迟迟未下达',
  '招工难需要用工对接',
  '技能人才补贴未到账',
  '社保缴费基数核定有误',
  '外地员工子女入学困难',
  '职工公租房申请',
  '中小企业贷款审批慢',
  '担保费补贴未兑现',
  '技改项目贴息申请',
  '应收账款融资对接',
  '首贷续贷需要协调',
  '厂区门前道路破损',
  '园区路灯不亮',
  '物流车辆通行受限',
  '公交线路未通到园区',
  '雨季道路积水严重',
  '稳岗返还资金未到账',
  '研发费用加计扣除政策咨询',
  '高新技术企业认定辅导',
  '产业扶持资金拨付延迟',
  '出口退税办理缓慢',
];
/** What follows a title: circumstances and asks, mixed freely. */
const DETAILS = [
  '近三个月多次发生，造成生产线停机，损失较大。',
  '已向相关部门反映，至今未得到答复。',
  '请协调有关单位尽快解决。',
  '影响企业正常经营和订单交付。',
  '材料已按要求备齐，请指导办理。',
  '涉及职工两百余人，情况紧急。',
  '请明确办理时限和责任单位。',
  '希望给予政策支持和帮助。',
  '夜间尤为严重，存在安全隐患。',
  '企业已自行采取临时措施，但无法根本解决。',
  '多家企业反映同样问题。',
  '新厂房投产在即，急需解决。',
];
/** Characters for place names (a road, a building): the long tail every real corpus has. */
const PLACE =
  '东西南北中新华兴建安平和光明长江黄河泰山松柏桃李梅兰竹菊金银铜铁锦绣春夏秋冬云霞雨雪风雷星月日晨朝阳永丰顺昌盛隆德仁义礼智信忠孝博文远达通汇海湖泉溪河桥港湾岭峰岗坡林园苑庄店镇乡村屯堡寨营关口门楼台阁亭塔宫殿观寺庙祠堂院府宅居';

const list = (xs: readonly string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]`);

/**
 * SQL for the title and description of generated issue `g` (an integer column): a title of the
 * head, a place name of two characters from the tail, and two details; deterministic in `g`.
 */
export function benchText(g: ReturnType<typeof sql.ref>) {
  const n = PLACE.length;
  const place = sql`substr(${PLACE}, 1 + ((${g}::bigint * 37) % ${n})::int, 1) || substr(${PLACE}, 1 + ((${g}::bigint * 101 / 7) % ${n})::int, 1) || '路'`;
  return {
    title: sql<string>`(${list(TITLES)})[1 + ((${g}::bigint * 7919) % ${TITLES.length})::int]`,
    description: sql<string>`'我公司位于' || ${place} || '，' || (${list(DETAILS)})[1 + ((${g}::bigint * 31) % ${DETAILS.length})::int] || (${list(DETAILS)})[1 + ((${g}::bigint * 13 / 3) % ${DETAILS.length})::int]`,
  };
}

/** Queries of the header's search box: a common word, a problem, a place from the tail, and two terms. */
export const SEARCH_QUERIES = ['停电', '供水压力', '排污许可', '东华路', '贷款 审批', '路灯', '社保缴费基数', '松柏路 停电'];

/**
 * Words for the synthetic project ledgers: per-industry project templates and company kinds.
 * Every name is built from a county's name and these templates, so no real company appears.
 */

/** `{n}` is replaced by a drawn capacity figure; a repeated name becomes 二期. */
const TEMPLATES: Record<string, { names: string[]; kind: string }> = {
  新材料产业: {
    names: ['年产{n}万吨石墨负极材料项目', '石墨烯新材料产业园项目'],
    kind: '新材料',
  },
  生物产业: { names: ['年产{n}万吨生物发酵制品项目', '生物制造产业化项目'], kind: '生物科技' },
  新能源装备产业: {
    names: ['年产{n}套风电装备项目', '光伏组件{n}万千瓦生产线项目'],
    kind: '能源装备',
  },
  新型农机装备产业: { names: ['年产{n}00台智能农机项目', '农机装备产业园项目'], kind: '农机' },
  交通运输装备产业: {
    names: ['年产{n}万套汽车零部件项目', '年产{n}00台专用车辆生产线项目'],
    kind: '装备制造',
  },
  绿色食品产业: {
    names: ['年产{n}万吨玉米深加工项目', '年产{n}万吨大豆精深加工项目', '{n}万头生猪屠宰加工项目'],
    kind: '食品',
  },
  煤化石化产业: { names: ['年产{n}万吨煤基新材料项目', '{n}万吨精细化工项目'], kind: '化工' },
  矿产经济产业: {
    names: ['年处理{n}万吨矿石综合利用项目', '{n}万吨矿产品精深加工项目'],
    kind: '矿业',
  },
  林产品加工业: { names: ['年产{n}万立方米木制品项目', '{n}万吨林下产品加工项目'], kind: '林产品' },
  现代服务业: { names: ['冷链物流园项目', '县域商贸物流中心项目'], kind: '物流' },
  新能源产业: {
    names: ['{n}万千瓦风电项目', '{n}万千瓦光伏发电项目', '{n}万千瓦源网荷储一体化项目'],
    kind: '新能源',
  },
  绿色液体燃料产业: {
    names: ['年产{n}万吨生物质燃料乙醇项目', '年产{n}万吨绿色甲醇项目'],
    kind: '能源',
  },
  低空经济产业: {
    names: ['通用机场及低空服务项目', '年产{n}00架无人机项目'],
    kind: '航空科技',
  },
};

const FALLBACK = { names: ['产业化项目'], kind: '实业' };

export function templatesOf(industry: string): { names: string[]; kind: string } {
  return TEMPLATES[industry] ?? FALLBACK;
}

/** Industries whose projects may be 绿电直连 (direct green power). */
export const GREEN_POWER_INDUSTRIES = new Set(['新能源产业', '煤化石化产业', '绿色液体燃料产业']);

/** 甲乙丙…: fictional company names 「XX县甲某食品有限公司」. */
export const STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马'];

export const LEADER_TITLES = ['县委书记', '县长', '常务副县长', '副县长', '县委常委'];

export const PROBLEMS = [
  '用地指标尚未落实,需市级协调',
  '配套电网接入工程进度滞后,需协调供电公司',
  '项目融资缺口较大,需协调金融机构',
  '环评审批进度较慢,需协调生态环境部门',
  '施工季节短,需协调加快审批',
];

export const PROGRESS: Record<string, string> = {
  none: '正在开展项目谋划和前期论证',
  plan: '已完成项目谋划,正在洽谈签约',
  sign: '已签约,正在办理用地、规划、环评等开工前手续',
  start: '主体工程施工中',
  operate: '已投产,正在调试提升产能',
  full: '已达产达效',
};

export const POLICY_NOTES = [
  '一业一策:围绕{i}延链补链,设立专项扶持资金,建立县级领导包联龙头企业机制',
  '一业一策:编制{i}产业链招商图谱,推进园区标准化厂房建设,落实用地用能保障',
  '一业一策:支持{i}龙头企业技术改造和产学研合作,培育配套中小企业',
];

import type { CategoryText } from './category-text.ts';

export const GREEN_CHANNEL: CategoryText = {
  code: 'green_channel',
  unit: 'approval',
  assisting: ['market', 'emergency', 'drc'],
  milestones: ['现场响应', '问题处置'],
  templates: [
    {
      title: '防疫物资生产线急需办理营业执照变更',
      description: '我公司紧急转产防护物资，需当日变更营业执照经营范围，生产线已完成调试，等待证照即可投产。',
      answer: '{unit}启动绿色通道特事特办，营业执照变更两小时内办结，企业已投产。',
      wayForward: '防护物资生产须先取得产品注册，暂不能仅凭执照变更投产；{unit}已当日协调上级部门开通应急审批，并先行办结执照变更。',
      assisting: ['market'],
    },
    {
      title: '生产线突发停电急需抢修恢复',
      description: '我公司{road}厂区突发停电，连续生产线被迫停机，每小时损失较大，急需协调抢修。',
      answer: '{unit}第一时间协调供电企业抢修，已恢复供电，企业已恢复正常生产。',
      wayForward: '故障点位于上级变电站，区内暂不能直接抢修；{unit}已协调供电企业调派应急发电车先行保障，并跟踪上级抢修进度。',
      unit: 'drc',
    },
    {
      title: '出口订单急需办理原产地证明',
      description: '我公司一批出口货物{n}日内须装船，原产地证明尚未办理，急需协调加急。',
      answer: '经{unit}加急协调，原产地证明已当日签发，货物已按期装船。',
      wayForward: '该类原产地证明须由市级机构签发，区级暂不能出具；{unit}已安排专人当日陪同企业赴市级机构加急办理。',
      unit: 'commerce',
    },
    {
      title: '{project}混凝土浇筑急需夜间施工许可',
      description: '我公司{project}主体结构混凝土浇筑须连续作业，急需办理夜间施工许可，否则影响结构质量。',
      answer: '{unit}已当日核发夜间施工许可，并告知降噪要求。',
      wayForward: '中高考期间夜间施工暂不能许可；{unit}已协调将浇筑调整至考试结束后首日，并提前完成许可审核。',
      unit: 'urban',
    },
    {
      title: '冷链物流车辆急需通行证',
      description: '我公司冷链配送车辆因交通管制无法进入城区，所运货物时效要求高，急需办理通行证。',
      answer: '{unit}已协调当日办结通行证，冷链车辆已正常配送。',
      wayForward: '管制路段暂不能发放全天通行证；{unit}已协调发放夜间及错峰时段通行证，并规划绕行路线保障配送时效。',
      unit: 'transport',
    },
  ],
};

import type { CategoryText } from './category-text.ts';

export const MARKET_ACCESS: CategoryText = {
  code: 'market_access',
  unit: 'market',
  assisting: ['approval', 'tax', 'commerce'],
  milestones: ['受理', '审核', '现场核查', '发证'],
  templates: [
    {
      title: '营业执照经营范围变更',
      description: '我公司拟新增经营项目，需变更营业执照经营范围，希望当日办结。',
      answer: '{unit}已通过“你说我办”帮办服务当日办结，新营业执照已发放。',
      wayForward: '新增项目属于许可类经营项目，须先取得行业许可，暂不能直接登记；{unit}已协调许可部门同步预审，许可取得当日即可办理变更。',
      unit: 'approval',
    },
    {
      title: '第二类医疗器械经营备案',
      description: '我公司拟开展第二类医疗器械经营业务，备案材料准备不熟悉，请给予指导。',
      answer: '{unit}已一次性告知材料清单并全程帮办，备案已完成。',
      wayForward: '企业经营场所和库房条件暂不符合经营质量管理规范，不能当场备案；{unit}已安排专人上门指导整改，整改后当场备案。',
    },
    {
      title: '招投标中遇到不合理资质门槛',
      description: '我公司参与某项目投标时，招标文件设置了与项目无关的业绩门槛，涉嫌排斥本地中小企业。',
      answer: '经{unit}核查，招标人已修改招标文件、删除不合理条款，企业可正常参与投标。',
      wayForward: '该项目由市级部门组织招标，区级暂不能直接责令修改；{unit}已将核查意见报送市公共资源交易主管部门，并跟踪处理结果。',
      milestones: ['调取招标文件', '合规核查', '督促整改'],
      unit: 'drc',
    },
    {
      title: '跨区迁移登记手续繁琐',
      description: '我公司拟将注册地迁入本区{park}，迁移登记涉及多个部门，请协调一次办结。',
      answer: '{unit}已联动迁出地和税务等部门，迁移登记一次办结，新执照已发放。',
      wayForward: '企业在迁出地尚有未结清的税务事项，暂不能办理迁移；{unit}已会同区税务局协助企业与迁出地对接，结清后即办迁移。',
      assisting: ['tax'],
    },
    {
      title: '旅行社业务经营许可申请',
      description: '我公司拟开展旅行社业务，已提交许可申请{n}周，尚未完成实地核查。',
      answer: '{unit}已完成实地核查，旅行社业务经营许可证已核发。',
      wayForward: '企业尚未缴纳旅游服务质量保证金，暂不能核发许可；{unit}已告知缴纳方式，可用银行保函替代，缴纳后3个工作日内发证。',
      unit: 'culture',
    },
    {
      title: '分支机构设立登记咨询',
      description: '我公司计划在{road}设立分公司，需了解设立登记所需材料和办理时限。',
      answer: '{unit}已一次性告知材料清单，分公司设立登记已当日办结。',
      wayForward: '拟用经营场所尚未取得房屋权属证明，暂不能登记；{unit}已告知可使用场所使用承诺制，企业签署承诺后即可办理。',
      unit: 'approval',
    },
  ],
};

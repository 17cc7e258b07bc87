/** Why a unit returns an issue (退单). */
export const RETURN_REASONS: readonly string[] = [
  '诉求的主要环节不在本单位职责内，建议调整主办单位，本单位可作为协办单位配合。',
  '诉求内容与本单位职责不符，建议转交对口部门办理。',
  '该事项属于市级事权，建议由区营商中心转报市级主管部门。',
  '诉求描述不够具体，无法确定办理事项，请营商中心与企业核实后重新交办。',
];

/** Why an enterprise withdraws an issue. */
export const WITHDRAW_REASONS: readonly string[] = ['问题已由企业自行协调解决。', '项目计划调整，暂不需要协调。', '已通过政务服务大厅办理完毕。', '与此前提交的诉求重复，撤回本条。'];

/** How an enterprise ends its description. */
export const CLOSINGS: readonly string[] = ['恳请相关部门协调解决。', '请帮助协调，尽快给予答复。', '盼明确办理时限和责任人。', '希望区里帮助推动。', ''];

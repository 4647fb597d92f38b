/** EPCIS 导入任务页（列表、详情抽屉、上传）。键与 capture-jobs-en.ts 一一对应。 */
export const captureJobsZhCN = {
  nav: 'EPCIS 导入', title: 'EPCIS 导入',
  hint: '贵单位系统调用 POST /epcis/capture 提交的 EPCIS 2.0 文档，以及在此上传的文件，每次提交都是一个导入任务。点击一行查看被拒收的事件、原因和修改建议。',
  empty: '还没有导入任务。点击“上传 EPCIS 文件”导入一份 EPCIS 2.0 文档（JSON-LD 或 XML），或由贵单位系统调用 POST /epcis/capture。',
  emptyFiltered: '没有符合筛选条件的导入任务。请调整状态或日期后再查询。',
  allStatuses: '全部状态', createdFrom: '提交日期起', createdTo: '提交日期止', open: '查看任务 {{id}}',
  createdAt: '提交时间', finishedAt: '完成时间', status: '状态', format: '格式', behaviour: '出错处理', events: '事件数', accepted: '已接收', duplicates: '重复',
  rejected: '拒收', violations: '规则违反', id: '任务编号', schemaVersion: 'EPCIS 版本',
  statuses: { running: '处理中', succeeded: '成功', partial: '部分成功', failed: '失败' },
  formats: { json: 'JSON-LD', xml: 'XML' },
  behaviours: { rollback: '整体回滚', proceed: '跳过错误事件' },
  behaviourHelp: {
    rollback: '任一事件有错，整份文档都不保存，并列出全部错误（首次对接时建议使用）。',
    proceed: '保存正确的事件，只拒收有错的事件，并在任务中逐条列出。',
  },
  drawerTitle: '导入任务', running: '任务处理中，完成后此处自动刷新。',
  errorsTitle: '拒收的事件', errorsEmpty: '没有被拒收的事件。', eventIndex: '事件序号', document: '整份文档', field: '字段', message: '问题', fix: '修改建议',
  duplicatesTitle: '重复的事件（此前已保存，本次未重复存储）', duplicatesEmpty: '没有重复的事件。', eventHash: '事件哈希', storedEvent: '已保存的事件编号',
  upload: '上传 EPCIS 文件', uploadTitle: '上传 EPCIS 2.0 文档', file: '文件', choose: '选择文件（.json、.jsonld、.xml）', send: '上传并导入',
  fileRequired: '请选择要上传的文件', rejectedTitle: '文档未被接受，没有保存任何事件：',
};
export type CaptureJobsMessages = typeof captureJobsZhCN;

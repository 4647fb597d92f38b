/** 门户表单（生产记录、随货单据与验收、调查报告、培训 / 处置 / 管理制度）的界面文字。键与 portal-forms-en.ts 一一对应。 */
export const portalFormsZhCN = {
  nav: { production: '生产记录', distribution: '随货单据/验收', institution: '培训/处置/管理制度' },
  production: '生产记录', distribution: '随货单据与验收', institution: '培训、处置与管理制度',
  addRow: '添加一行', removeRow: '删除', quantity: '数量', serial: '序列号',
  orgPicker: { placeholder: '输入单位名称、统一社会信用代码或 GLN 查找', empty: '没有找到匹配的单位', failed: '暂时无法查询单位目录，请稍后重试' },
  item: {
    name: '检验项目', standard: '标准', method: '方法', lowerLimit: '下限', upperLimit: '上限', unit: '单位', measuredValue: '实测值', verdict: '判定',
    pass: '合格', fail: '不合格',
  },
  inv: {
    title: '提交调查评价报告（不良事件报告 #{{id}}）', file: '提交调查报告', backToReport: '返回事件报告', previous: '已提交的调查报告',
    status: '报告类型', findings: '调查发现', findingCodes: 'IMDRF 附录 C 调查发现代码（逗号分隔）', conclusionCodes: 'IMDRF 附录 D 调查结论代码（逗号分隔）',
    rootCause: '原因类别', correctiveActions: '纠正与预防措施', saved: '调查报告已提交（#{{id}}，{{status}}）', late: '迟交 {{hours}} 小时',
    statuses: { in_progress: '中期报告', final: '最终报告' },
    rootCauses: {
      design: '设计', component: '部件 / 原材料', manufacturing: '生产', transport_storage: '运输 / 贮存', labeling: '标签 / 说明书', software: '软件',
      maintenance: '维护保养', training: '培训', use_error: '使用错误', infrastructure_environment: '基础设施 / 环境', patient_or_procedure: '患者因素或手术操作',
      falsified_device: '假冒器械', no_problem_found: '未发现问题', not_established: '原因未能确定',
    },
  },
  receipt: {
    title: '原材料入库（进货验收）', new: '登记原材料入库', list: '原材料入库', one: '原材料', supplier: '供应商', materialName: '物料名称', materialCode: '物料编码',
    materialKind: '物料类别', materialLot: '物料批号', purchaseDate: '采购日期', inspectionDate: '检验日期', result: '进货检验结论', inspectionItems: '进货检验项目',
    qualifications: '供应商资质文件', documentNumber: '证件编号', issuer: '发证机关', validFrom: '有效期起', validTo: '有效期至',
    saved: '已登记入库 #{{id}}：{{material}}，批号 {{lot}}',
    kinds: { non_woven: '无纺布', melt_blown: '熔喷布', ear_loop: '耳带', nose_wire: '鼻梁条', titanium_alloy: '钛合金', cobalt_chrome: '钴铬合金', polyethylene: '聚乙烯', ceramic: '陶瓷', packaging: '包装材料', other: '其他' },
    qualificationKinds: { business_license: '营业执照', production_license: '生产许可证', registration: '注册证 / 备案凭证', qms_certificate: '质量管理体系证书', test_report: '检验报告', other: '其他' },
  },
  batch: {
    title: '生产批记录', new: '登记生产批', list: '生产批', one: '生产批', productDi: '产品标识（DI）', lot: '批号', productionDate: '生产日期', expiryDate: '失效日期',
    processRoute: '工艺路线', processVersion: '工艺版本', materials: '投料（从入库记录选择）', receipt: '原材料入库记录', readings: '洁净室环境监测记录',
    measuredAt: '监测时间', room: '房间', withinLimits: '是否超限', exceeded: '{{field}} {{value}} 超出限值 {{limit}}',
    saved: '已登记生产批 #{{id}}：{{product}}，批号 {{lot}}',
    limits: {
      particles05Max: '≥0.5µm 尘埃粒子上限（/m³）', particles5Max: '≥5µm 尘埃粒子上限（/m³）', temperatureMin: '温度下限（°C）', temperatureMax: '温度上限（°C）',
      humidityMin: '相对湿度下限（%）', humidityMax: '相对湿度上限（%）', pressureDiffMin: '压差下限（Pa）', pressureDiffMax: '压差上限（Pa）',
    },
    reading: { particles05: '≥0.5µm 粒子', particles5: '≥5µm 粒子', temperatureC: '温度 °C', humidityPct: '湿度 %', pressureDiffPa: '压差 Pa' },
  },
  release: {
    title: '出厂检验与放行', new: '登记放行报告', list: '放行报告', batch: '生产批', reportNo: '检验报告编号', inspector: '检验员', decision: '放行决定',
    decidedAt: '决定时间', items: '检验项目', failedCount: '不合格项', saved: '放行报告 #{{id}} 已登记：批号 {{lot}}，{{decision}}', failedItems: '其中 {{count}} 项不合格',
    decisions: { released: '放行', rejected: '不放行', pending: '待放行' },
  },
  flags: {
    list: '质量预警', rule: '规则', subjectType: '对象类型', subject: '对象', evidence: '依据', detectedAt: '发现时间',
    rules: { supplier_qualification_lapsed: '供应商资质过期', material_failed_inspection: '使用了进货检验不合格的物料', released_with_failed_item: '有不合格项仍放行', shipped_before_release: '放行前发货' },
    subjects: { batch: '生产批', material_lot: '物料批', lot: '产品批' },
  },
  attachments: {
    title: '过程文件', documentKey: '文件标识', documentTitle: '标题', choose: '选择文件（PDF、PNG、JPEG）', upload: '上传', download: '下载', empty: '尚无过程文件',
    keyRule: '文件标识只能用小写字母、数字和 . _ -，以字母或数字开头，最长 80 个字符，例如 sterilisation-record',
  },
  doc: {
    title: '随货单据（采购合同 / 送货单）', new: '登记随货单据', list: '随货单据', kind: '单据类型', number: '单据编号', documentDate: '单据日期', deliveryDate: '发货 / 约定交货日期',
    supplier: '供货方', buyer: '购货方', contractNumber: '所属采购合同编号', shippingEventId: '发货事件 ID', receivingEventId: '收货事件 ID', note: '备注',
    lines: '明细', eventLink: '追溯事件关联', saved: '已登记{{kind}} {{number}}（#{{id}}，{{lines}} 行）',
    kinds: { purchase_contract: '采购合同', delivery_note: '送货单' },
    eventLinks: { given: '已按事件 ID 关联发货 / 收货事件', document_number: '已按单据编号关联到引用它的追溯事件', none: '暂未关联追溯事件' },
  },
  acc: {
    title: '收货验收', new: '登记验收', list: '验收记录', deliveryNote: '送货单', receivedAt: '收货时间', temperatureC: '到货温度（°C）', lines: '逐行清点数量',
    checkedQuantity: '清点数量', discrepancyColumn: '数量差异', saved: '验收记录 #{{id}} 已登记（送货单 {{note}}），数量与送货单一致',
    savedWithDiscrepancy: '验收记录 #{{id}} 已登记，但清点数量与送货单 {{note}} 不一致', discrepancy: '{{di}} 批号 {{lot}}：送货单 {{expected}}，清点 {{checked}}（差 {{difference}}）',
    conditions: { good: '完好', damaged: '破损', temperature_excursion: '温度偏离' },
  },
  training: {
    title: '操作人员培训记录', operatorId: '工号', new: '登记培训', list: '培训记录', trainer: '培训人', deviceKind: '器械类别', trainedOn: '培训日期', validUntil: '有效期至',
    certificateNo: '证书编号', saved: '已登记培训 #{{id}}：{{operator}}，有效期至 {{validUntil}}',
  },
  disposal: {
    title: '器械处置记录', new: '登记处置', list: '处置记录', disposedOn: '处置日期', method: '处置方式', eventId: '销毁事件 ID（如有）',
    saved: '已登记处置 #{{id}}：{{product}} × {{quantity}}，{{method}}',
    methods: { medical_waste: '按医疗废物处置', destroyed: '销毁', returned_to_supplier: '退回供货方', other: '其他' },
  },
  facts: {
    title: '医疗器械使用质量管理制度', managementSystem: '已建立管理制度', systemDocument: '制度文件名称 / 编号', responsiblePerson: '负责人', responsiblePhone: '负责人电话',
    saved: '已更新（{{at}}）',
  },
};

export type PortalFormsMessages = typeof portalFormsZhCN;

/** 界面文字（简体中文，默认语言）。键与 en.ts 一一对应，组件测试会检查。 */
export const zhCN = {
  app: { name: '链监', tagline: '医疗器械全链条监管平台', skip: '跳到主要内容' },
  lang: { switch: 'English', switchLabel: '切换到英文界面' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录',
    policy: '密码至少 {{minLength}} 位，含大写字母、小写字母、数字、符号中的至少 {{minClasses}} 类。',
    failed: '登录失败', locked: '账户已锁定', required: '请输入{{field}}',
  },
  session: {
    logout: '退出登录', previousLogin: '上次登录：{{at}}（IP {{ip}}）', firstLogin: '这是您的首次登录。',
    idleTitle: '即将自动退出', idleBody: '您已 {{minutes}} 分钟没有操作，{{seconds}} 秒后将自动退出登录。', stay: '继续使用',
    expired: '登录已超时，请重新登录。', who: '{{name}}（{{role}}）',
  },
  role: { regulator: '监管人员', enterprise: '企业用户', institution: '医疗机构用户', agency: '协作部门', privacy_officer: '隐私官', sysadmin: '系统管理员', secadmin: '安全管理员', auditadmin: '审计管理员' },
  nav: {
    workbench: '监管工作台', dashboard: '总览', trace: '扫码追溯', recall: '召回范围', alerts: '预警', adverseEvents: '不良事件', masterData: '主数据',
    organizations: '单位', licenses: '许可证', products: '产品', portal: '企业/机构门户', myData: '本单位数据', ship: '发货', receive: '收货', use: '使用',
    aeReport: '不良事件报告', deadlines: '报告时限', admin: '系统管理', users: '用户', audit: '审计日志', docs: '接口文档', lotDossier: '批次档案', orgDossier: '单位档案',
  },
  state: {
    loading: '正在加载…', empty: '暂无数据', error: '出错了', retry: '重试', unavailable: '该功能的接口尚未上线',
    unavailableHint: '服务器尚未提供 {{api}}。功能上线后此页会自动显示数据。', notFound: '页面不存在', back: '返回首页',
    forbidden: '您没有权限查看此内容', total: '共 {{total}} 条',
  },
  common: {
    query: '查询', reset: '重置', export: '导出', exportCsv: '导出 CSV', exportExcel: '导出 Excel', search: '搜索', keyword: '关键字', region: '行政区划',
    type: '类型', name: '名称', status: '状态', actions: '操作', detail: '详情', submit: '提交', cancel: '取消', confirm: '确认', yes: '是', no: '否',
    time: '时间', region6: '6 位行政区划代码，如 330100', columns: '列设置', close: '关闭', view: '查看',
  },
  dashboard: {
    title: '监管总览', organizations: '单位', products: '产品', licenses: '许可证', aeReports: '不良事件报告', lateReports: '逾期报告', openAlerts: '待处理预警',
    map: '辖区分布（按单位数着色）', aeTrend: '不良事件报告趋势（按月）', inbox: '预警收件箱', live: '实时', inboxEmpty: '暂无新预警。新预警到达时会立即显示在这里。',
    mapLegendLow: '少', mapLegendHigh: '多', southChinaSea: '南海诸岛',
  },
  scan: {
    title: '扫码追溯', placeholder: '扫描或粘贴任意标签：GS1 元素串（带或不带括号）、数字链接、HIBC、MA 码、EPC URN',
    label: 'UDI 或标签内容', submit: '追溯', camera: '摄像头扫码', cameraUnavailable: '此设备不支持摄像头扫码', cameraStop: '停止扫码',
    parse: '标签解析', agency: '发码机构', form: '编码形式', di: '产品标识 DI', lot: '批号', serial: '序列号', productionDate: '生产日期', expiryDate: '失效日期',
    level: '标识层级', unreadable: '无法识别此标签', hint: '例如 (01)06990001001905(10)HJ03101(21)HJ031010001',
    levels: { unit: '单品', lot: '批次', product: '产品' },
    forms: { bracketed: '括号元素串', element_string: '元素串', scan: '扫码原文', digital_link: 'GS1 数字链接', epc_urn: 'EPC URN', hibc: 'HIBC', ma: 'MA 码' },
  },
  trace: {
    product: '产品', registration: '注册证', holder: '注册人', timeline: '流通轨迹', chain: '供应链图', steps: '{{count}} 个环节',
    excursion: '温度超标', temperature: '温度', noSteps: '没有可见的流通记录', restricted: '辖区外（仅显示名称与地区）',
    currentHolder: '当前持有', use: '使用记录', reports: '不良事件', recalls: '召回', dossier: '批次档案', department: '科室',
    effects: { commission: '生产赋码', ship: '发货', receive: '收货', store: '储存', use: '使用', return: '退货', destroy: '销毁', pack: '装箱', unpack: '拆箱', observe: '观察', other: '其他' },
    bizSteps: { storing: '储存', packing: '装箱', unpacking: '拆箱', inspecting: '检验', accepting: '验收', loading: '装车', departing: '出发', arriving: '到达', dispensing: '发放使用', holding: '暂存', picking: '拣货', sterilizing: '灭菌', repairing: '维修', decommissioning: '停用' },
    roles: { factory: '生产企业', distributor: '经营企业', institution: '医疗机构' },
    storage: '储存条件 {{min}}–{{max}} °C', notFound: '没有找到此编码，或它不在您的辖区内。请检查标签后重试。', quantity: '数量 {{quantity}}',
  },
  recall: {
    title: '召回范围', lots: '批次', addLot: '添加批次', di: '产品标识 DI', lot: '批号', compute: '计算范围', holders: '持有单位', inTransit: '在途', inStock: '库存',
    unused: '机构未使用', used: '已使用', exportExcel: '导出 Excel', pickHint: '输入一个或多个批次（DI + 批号），然后点击“计算范围”。', remove: '移除', removeConfirm: '确定移除此批次吗？',
    totals: '合计',
  },
  lists: {
    organizations: '单位列表', licenses: '许可证列表', products: '产品列表', id: '编号', creditCode: '统一社会信用代码', gln: 'GLN', grade: '机构等级',
    number: '证号', holder: '持证单位', kind: '类别', issuer: '发证机关', validTo: '有效期至', effectiveStatus: '状态', model: '型号', di: 'DI', registration: '注册证号',
    managementClass: '管理类别', registrant: '注册人', orgTypes: { manufacturer: '生产企业', distributor: '经营企业', institution: '医疗机构', logistics: '物流企业', regulator: '监管部门', agency: '协作部门', other: '其他' },
  },
  dossier: {
    lotTitle: '批次档案 {{di}} / {{lot}}', orgTitle: '单位档案', materials: '原材料', suppliers: '供应商', environment: '生产环境', tests: '检验项目', flags: '提示',
    failed: '不合格', passed: '合格', open: '打开档案', di: 'DI', lot: '批号', assessment: '器械管理评估', raw: '档案内容',
    sections: {
      di: '产品标识', lot: '批号', product: '产品', manufacturer: '生产企业', production: '生产记录', batch: '批生产记录', materials: '原材料', suppliers: '供应商', supplier: '供应商',
      environment: '生产环境', release: '放行检验', items: '检验项目', qualityFlags: '质量提示', distribution: '流通', holders: '持有单位', totals: '合计', custody: '流通记录',
      adverseEvents: '不良事件', attachments: '附件', licenses: '许可证', products: '产品', batches: '批次', reporting: '报告及时性', registration: '注册证', name: '名称',
      model: '型号', regionCode: '行政区划', organization: '单位', training: '培训', maintenance: '维护保养', use: '使用', limits: '限值', rooms: '洁净区', readings: '读数',
    },
  },
  alerts: {
    title: '预警队列', grade: '等级', status: '状态', source: '来源', department: '责任部门', deadline: '处理时限', overdue: '已逾期', subject: '对象', createdAt: '产生时间',
    grades: { general: '一般', major: '较大', critical: '重大' }, evidence: '证据', attribution: '归因',
    labels: { quality: '质量问题', use: '使用问题', undetermined: '尚未确定' },
    statuses: { new: '新预警', acknowledged: '已签收', verifying: '核查中', confirmed: '已确认', dismissed: '已排除' },
    departments: { ae_monitoring: '不良事件监测', distribution_supervision: '经营监管', production_supervision: '生产监管', inspection_enforcement: '稽查执法' },
    levels: { city: '市级', province: '省级', national: '国家级' }, history: '处理记录', open: '未办结', comment: '备注', level: '层级',
    actions: { acknowledge: '签收', verify: '核查', confirm: '确认', dismiss: '排除' }, reason: '理由', reasonRequired: '排除预警必须填写理由',
    confirmAction: '确定对此预警执行“{{action}}”吗？', done: '已{{action}}',
  },
  ae: {
    title: '不良事件报告', list: '不良事件报告列表', reportNo: '报告编号', reporter: '报告单位', product: '产品', outcome: '伤害程度', eventDate: '事件发生日期',
    dateKnown: '获知日期', deadline: '报告时限', late: '逾期', onTime: '按时', due: '{{days}} 天后到期', dueToday: '今天到期', overdueBy: '已逾期 {{hours}} 小时', noDeadline: '无法定时限',
    outcomes: { death: '死亡', serious_injury: '严重伤害', other: '其他' },
    form: {
      title: '填报不良事件', device: '器械', udi: 'UDI（扫码或粘贴）', patient: '患者', patientName: '姓名', idNumber: '身份证号', birthDate: '出生日期',
      sex: '性别', sexes: { male: '男', female: '女', unknown: '未知' }, manifestation: '伤害表现', deathDate: '死亡日期', narrative: '事件经过', imdrfCodes: 'IMDRF 代码（逗号分隔）',
      submit: '提交报告', submitted: '报告已提交：{{reportNo}}，时限 {{deadline}}', fixErrors: '请先改正标出的字段', parsed: '已识别：DI {{di}}，批号 {{lot}}，序列号 {{serial}}',
    },
  },
  submission: {
    shipTitle: '发货登记', receiveTitle: '收货登记', useTitle: '使用登记', items: '标签（每行一个，扫码或粘贴）', toOrganizationId: '收货单位编号', fromOrganizationId: '发货单位编号',
    toGln: '收货单位 GLN', fromGln: '发货单位 GLN', time: '发生时间', condition: '到货状况', conditions: { good: '完好', damaged: '破损', temperature_excursion: '温度超标' },
    accepted: '接收', reason: '原因', department: '使用科室', procedure: '手术/操作', patientKey: '患者假名键（pk_…）', submit: '提交',
    stored: '已登记（事件 {{eventId}}）', duplicate: '此前已登记过相同事件（事件 {{eventId}}）', violations: '已登记，但违反了以下规则：', lot: '批次标签', quantity: '数量',
  },
  portal: { title: '本单位', organization: '单位信息', deadlines: '待报告时限', deadlinesEmpty: '没有临近时限的报告。', myProducts: '本单位产品', myReports: '本单位报告' },
  admin: { title: '系统管理', users: '用户', audit: '审计日志', docs: '在接口文档中管理令牌与安全策略', username: '用户名', action: '操作', outcome: '结果', actor: '操作人' },
  watermark: '{{name}} {{time}}',
};

export type Messages = typeof zhCN;

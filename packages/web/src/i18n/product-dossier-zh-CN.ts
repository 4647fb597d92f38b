/** 产品档案页。键与 product-dossier-en.ts 一一对应。 */
export const productDossierZhCN = {
  title: '产品档案', open: '查看产品档案',
  product: '产品', model: '型号', specification: '规格', deviceKind: '器械类别', registration: '注册证/备案号', registrant: '注册人/备案人', managementClass: '第{{n}}类',
  validity: '有效期', status: '状态', categoryCode: '分类编码', outsideScope: '辖区外', traits: '特性',
  trait: { singleUse: '一次性使用', implantable: '植入', sterile: '无菌' },
  kinds: { registration: '注册', filing: '备案' },
  statuses: { active: '有效', suspended: '暂停', revoked: '撤销', cancelled: '注销' },
  dis: '产品标识（DI）与包装层级', di: 'DI', agency: '发码机构', packageLevel: '包装层级', levelName: '层级名称', perPackage: '每包装数量', contains: '内含',
  lots: '批次', lotsTotal: '共 {{count}} 个批次', lotsShown: '显示第 {{from}}–{{to}} 个，共 {{total}} 个', lot: '批号', productionDate: '生产日期', produced: '生产数量',
  received: '各级累计收货', inStock: '库存', inTransit: '在途', used: '已使用', holders: '持有单位', measures: '管控措施', noBatch: '无批记录', openLot: '批次档案',
  whereNow: '当前分布（按地市）', chartRegions: '各地市当前持有数量柱状图', region: '地区', noHoldings: '尚无流通中的数量',
  adverseEvents: '不良事件', cases: '病例', reportsTotal: '报告 {{count}} 份', serious: '严重伤害', deaths: '死亡', trend: '近 12 个月病例数（按事件月份）', chartTrend: '近 12 个月不良事件病例数柱状图',
  latest: '最新报告', alerts: '未关闭预警', alertsNotForRole: '预警仅对监管部门可见',
  // The platform's device kinds (product catalogue codes); a kind not listed here shows its code.
  kindNames: {
    mask: '医用口罩', syringe: '注射器', infusion_pump: '输液泵', glucose_meter: '血糖仪', hip_implant: '髋关节假体', ultrasound: '超声诊断设备',
    ivd_reagent: '体外诊断试剂', cotton_swab: '医用棉签', surgical_cap: '手术帽',
  },
};
export type ProductDossierMessages = typeof productDossierZhCN;

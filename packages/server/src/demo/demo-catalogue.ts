/**
 * Device families of the demo world, with the facts that matter for supervision: class, category
 * of the classification catalogue, storage range, which PI elements the label carries, packaging.
 */
export interface DeviceFamily {
  kind: string;
  name: string;
  nameEn: string;
  models: string[];
  managementClass: 1 | 2 | 3;
  categoryCode: string;
  storage?: { min: number; max: number; note: string };
  piElements: ('lot' | 'serial' | 'production_date' | 'expiry_date')[];
  singleUse: boolean;
  implantable: boolean;
  sterile: boolean;
  /** Units per carton and cartons per case; serialised equipment ships one per box. */
  packaging: { unitName: string; perCarton: number; cartonsPerCase: number };
  /** How many products of this family the base world has (of 60). */
  count: number;
}

export const DEVICE_FAMILIES: DeviceFamily[] = [
  { kind: 'mask', name: '医用外科口罩', nameEn: 'Surgical mask', models: ['平面耳挂式 17.5×9.5cm', '平面绑带式 17.5×9.5cm', '儿童型 14.5×9.5cm'], managementClass: 2, categoryCode: '14', piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, implantable: false, sterile: true, packaging: { unitName: '袋', perCarton: 50, cartonsPerCase: 40 }, count: 9 },
  { kind: 'syringe', name: '一次性使用无菌注射器', nameEn: 'Sterile single-use syringe', models: ['1ml', '2ml', '5ml', '10ml', '20ml'], managementClass: 3, categoryCode: '14', piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, implantable: false, sterile: true, packaging: { unitName: '支', perCarton: 100, cartonsPerCase: 20 }, count: 8 },
  { kind: 'infusion_pump', name: '输液泵', nameEn: 'Infusion pump', models: ['VP-300', 'VP-500', 'SP-200'], managementClass: 3, categoryCode: '14', piElements: ['serial', 'production_date'], singleUse: false, implantable: false, sterile: false, packaging: { unitName: '台', perCarton: 1, cartonsPerCase: 4 }, count: 6 },
  { kind: 'glucose_meter', name: '血糖仪', nameEn: 'Blood glucose meter', models: ['GM-101', 'GM-202', 'GM-Mini'], managementClass: 2, categoryCode: '22', piElements: ['serial', 'production_date'], singleUse: false, implantable: false, sterile: false, packaging: { unitName: '台', perCarton: 10, cartonsPerCase: 5 }, count: 7 },
  { kind: 'hip_implant', name: '髋关节假体', nameEn: 'Hip joint prosthesis', models: ['股骨柄 12#', '股骨柄 14#', '髋臼杯 52mm', '髋臼杯 54mm'], managementClass: 3, categoryCode: '13', piElements: ['lot', 'serial', 'production_date', 'expiry_date'], singleUse: true, implantable: true, sterile: true, packaging: { unitName: '件', perCarton: 1, cartonsPerCase: 10 }, count: 6 },
  { kind: 'ultrasound', name: '彩色多普勒超声诊断仪', nameEn: 'Colour Doppler ultrasound scanner', models: ['US-8000', 'US-6000 便携式'], managementClass: 3, categoryCode: '06', piElements: ['serial', 'production_date'], singleUse: false, implantable: false, sterile: false, packaging: { unitName: '台', perCarton: 1, cartonsPerCase: 1 }, count: 4 },
  { kind: 'ivd_reagent', name: '新型冠状病毒抗原检测试剂盒（胶体金法）', nameEn: 'SARS-CoV-2 antigen test kit (colloidal gold)', models: ['20人份/盒', '40人份/盒'], managementClass: 3, categoryCode: '40', storage: { min: 2, max: 8, note: '2–8 °C 避光保存' }, piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, implantable: false, sterile: false, packaging: { unitName: '盒', perCarton: 20, cartonsPerCase: 10 }, count: 5 },
  { kind: 'ivd_reagent', name: '糖化血红蛋白测定试剂盒（免疫比浊法）', nameEn: 'HbA1c assay kit (immunoturbidimetry)', models: ['2×50ml', '4×50ml'], managementClass: 2, categoryCode: '40', storage: { min: 2, max: 8, note: '2–8 °C 保存，切勿冷冻' }, piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, implantable: false, sterile: false, packaging: { unitName: '盒', perCarton: 10, cartonsPerCase: 10 }, count: 5 },
  { kind: 'cotton_swab', name: '医用棉签', nameEn: 'Medical cotton swab', models: ['10支/袋', '50支/袋'], managementClass: 1, categoryCode: '14', piElements: ['lot', 'production_date', 'expiry_date'], singleUse: true, implantable: false, sterile: false, packaging: { unitName: '袋', perCarton: 200, cartonsPerCase: 10 }, count: 5 },
  { kind: 'surgical_cap', name: '一次性使用手术帽', nameEn: 'Single-use surgical cap', models: ['均码'], managementClass: 1, categoryCode: '14', piElements: ['lot', 'production_date'], singleUse: true, implantable: false, sterile: false, packaging: { unitName: '只', perCarton: 100, cartonsPerCase: 20 }, count: 5 },
];

export const COMPANY_WORDS = ['康瑞', '安泰', '华信', '博远', '恒康', '瑞禾', '普济', '明德', '天衡', '益生', '佳和', '德仁', '济世', '正元', '启明', '睿康', '和泰', '永安', '嘉禾', '惠民', '联创', '华康', '泰和', '健邦', '欣悦', '晨光', '远航', '同仁', '仁和', '卓信', '宏图', '汇通', '润泽', '致远', '长青', '万康', '新元', '百川', '鼎盛', '宜康'];
export const DISTRIBUTOR_SUFFIXES = ['医药有限公司', '医疗器械贸易有限公司', '医疗供应链有限公司', '医疗科技有限公司', '医药物流有限公司'];
export const HOSPITAL_PATTERNS = ['{city}第{n}人民医院', '{city}中医院', '{county}人民医院', '{county}妇幼保健院', '{county}{town}镇卫生院', '{city}{word}口腔门诊部', '{county}中心医院'];
export const TOWNS = ['城关', '新桥', '双溪', '东坝', '南湖', '石门', '清溪', '龙泉', '大塘', '白沙'];
export const PERSON_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
export const PERSON_GIVEN = ['建华', '秀英', '志强', '丽娟', '国庆', '晓明', '海燕', '文军', '婷', '磊', '静', '伟', '芳', '敏', '勇', '洁'];

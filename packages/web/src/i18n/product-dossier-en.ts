import type { ProductDossierMessages } from './product-dossier-zh-CN.ts';

/** The product dossier page in English; the same keys as product-dossier-zh-CN.ts. */
export const productDossierEn: ProductDossierMessages = {
  title: 'Product dossier', open: 'Open the product dossier',
  product: 'Product', model: 'Model', specification: 'Specification', deviceKind: 'Device kind', registration: 'Registration / filing', registrant: 'Registrant', managementClass: 'Class {{n}}',
  validity: 'Valid', status: 'Status', categoryCode: 'Category code', outsideScope: 'Outside jurisdiction', traits: 'Traits',
  trait: { singleUse: 'Single use', implantable: 'Implantable', sterile: 'Sterile' },
  kinds: { registration: 'Registration', filing: 'Filing' },
  statuses: { active: 'Active', suspended: 'Suspended', revoked: 'Revoked', cancelled: 'Cancelled' },
  dis: 'Device identifiers (DI) and package levels', di: 'DI', agency: 'Issuing agency', packageLevel: 'Package level', levelName: 'Level name', perPackage: 'Per package', contains: 'Contains',
  lots: 'Lots', lotsTotal: '{{count}} lots', lotsShown: 'Showing {{from}}–{{to}} of {{total}}', lot: 'Lot', productionDate: 'Production date', produced: 'Produced',
  received: 'Received (all tiers)', inStock: 'In stock', inTransit: 'In transit', used: 'Used', holders: 'Holders', measures: 'Measures', noBatch: 'No batch record', openLot: 'Lot dossier',
  whereNow: 'Where it is now (by city)', chartRegions: 'Bar chart of current holdings by city', region: 'Region', noHoldings: 'Nothing in circulation yet',
  adverseEvents: 'Adverse events', cases: 'Cases', reportsTotal: '{{count}} reports', serious: 'Serious injuries', deaths: 'Deaths', trend: 'Cases in the last 12 months (by month of the event)', chartTrend: 'Bar chart of adverse-event cases in the last 12 months',
  latest: 'Latest reports', alerts: 'Open alerts', alertsNotForRole: 'Alerts are shown to regulators only',
  kindNames: {
    mask: 'Medical mask', syringe: 'Syringe', infusion_pump: 'Infusion pump', glucose_meter: 'Blood glucose meter', hip_implant: 'Hip prosthesis', ultrasound: 'Ultrasound scanner',
    ivd_reagent: 'IVD reagent', cotton_swab: 'Medical cotton swab', surgical_cap: 'Surgical cap',
  },
};

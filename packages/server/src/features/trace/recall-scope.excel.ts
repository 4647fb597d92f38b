import ExcelJS from 'exceljs';
import type { RecallScope } from './recall-scope.service.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS = [
  { key: 'name', header: '持有单位 / Holder', width: 32 },
  { key: 'gln', header: '全球位置码 / GLN', width: 16 },
  { key: 'regionCode', header: '行政区划 / Region', width: 12 },
  { key: 'inTransit', header: '在途 / In transit', width: 12 },
  { key: 'inStock', header: '经营库存 / In stock', width: 14 },
  { key: 'unusedAtInstitution', header: '机构未使用 / Unused at institution', width: 22 },
  { key: 'used', header: '已使用 / Used', width: 12 },
] as const;

/** The recall scope as a workbook: a bilingual header row, one row per holder, a totals row. */
export async function recallScopeWorkbook(scope: RecallScope): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lianjian 链监';
  wb.created = new Date();
  const ws = wb.addWorksheet('召回范围 Recall scope', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const h of scope.holders) {
    ws.addRow({ name: h.name, gln: h.gln ?? '', regionCode: h.regionCode, inTransit: h.inTransit, inStock: h.inStock, unusedAtInstitution: h.unusedAtInstitution, used: h.used });
  }
  const t = scope.totals;
  const total = ws.addRow({ name: '合计 / Total', gln: '', regionCode: '', inTransit: t.inTransit, inStock: t.inStock, unusedAtInstitution: t.unusedAtInstitution, used: t.used });
  total.font = { bold: true };
  const lots = wb.addWorksheet('批次 Lots');
  lots.columns = [{ key: 'di', header: '产品标识 / DI', width: 18 }, { key: 'lot', header: '批号 / Lot', width: 16 }];
  for (const l of scope.lots) lots.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

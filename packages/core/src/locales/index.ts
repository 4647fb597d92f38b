import * as enCatalogues from './en/index.ts';
import { registerCatalogues } from './format.ts';
import * as zhCatalogues from './zh-CN/index.ts';

// Both languages, registered once: what the server and the tests use.
registerCatalogues('zh-CN', zhCatalogues);
registerCatalogues('en', enCatalogues);

export * from './format.ts';

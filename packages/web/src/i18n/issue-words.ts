import { registerCatalogues } from '@lianjian/core/locales/format';
import * as zhCatalogues from '@lianjian/core/locales/zh-CN/index';

// The shared message catalogue (core/locales) as the web app uses it: zh-CN from the start, English
// registered by i18n.ts when a user switches to it, so the first page does not carry both languages.
registerCatalogues('zh-CN', zhCatalogues);

export { formatIssue, isKnownCode, type Locale } from '@lianjian/core/locales/format';

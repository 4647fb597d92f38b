import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from '../pages/login-page.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { useSession } from '../session/session-context.tsx';
import { AppLayout } from './app-layout.tsx';
import { homeFor } from './navigation.ts';

// Every page but login is its own chunk: the first page ships only the shell and what it needs.
const DashboardPage = lazy(() => import('../pages/dashboard-page.tsx'));
const TracePage = lazy(() => import('../pages/trace-page.tsx'));
const RecallPage = lazy(() => import('../pages/recall-page.tsx'));
const OrganizationsPage = lazy(() => import('../pages/organizations-page.tsx'));
const LicensesPage = lazy(() => import('../pages/licenses-page.tsx'));
const ProductsPage = lazy(() => import('../pages/products-page.tsx'));
const LotDossierPage = lazy(() => import('../pages/lot-dossier-page.tsx'));
const ProductDossierPage = lazy(() => import('../pages/product-dossier-page.tsx'));
const OrganizationDossierPage = lazy(() => import('../pages/organization-dossier-page.tsx'));
const AlertsPage = lazy(() => import('../pages/alerts-page.tsx'));
const AlertDetailPage = lazy(() => import('../pages/alert-detail-page.tsx'));
const AdverseEventsPage = lazy(() => import('../pages/adverse-events-page.tsx'));
const PortalHomePage = lazy(() => import('../pages/portal-home-page.tsx'));
const SubmissionPage = lazy(() => import('../pages/submission-page.tsx'));
const AdverseEventFormPage = lazy(() => import('../pages/adverse-event-form-page.tsx'));
const ClinicalUseFormPage = lazy(() => import('../pages/clinical-use-form-page.tsx'));
const MaintenanceFormPage = lazy(() => import('../pages/maintenance-form-page.tsx'));
const DeadlinesPage = lazy(() => import('../pages/deadlines-page.tsx'));
const AdverseEventDetailPage = lazy(() => import('../pages/adverse-event-detail-page.tsx'));
const AdminPage = lazy(() => import('../pages/admin-page.tsx'));
const UsersAdminPage = lazy(() => import('../pages/users-admin-page.tsx'));
const ApiTokensPage = lazy(() => import('../pages/api-tokens-page.tsx'));
const SecurityPolicyPage = lazy(() => import('../pages/security-policy-page.tsx'));
const CalendarPage = lazy(() => import('../pages/calendar-page.tsx'));
const RiskIndicatorsPage = lazy(() => import('../pages/risk-indicators-page.tsx'));
const PrivacyGrantsPage = lazy(() => import('../pages/privacy-grants-page.tsx'));
// Issue 6 portal forms: production records, distribution documents, investigations, institution records.
const InvestigationFormPage = lazy(() => import('../pages/investigation-form-page.tsx'));
const ProductionPage = lazy(() => import('../pages/production-page.tsx'));
const ProductionRecordPage = lazy(() => import('../pages/production-record-page.tsx'));
const MaterialReceiptFormPage = lazy(() => import('../pages/material-receipt-form-page.tsx'));
const BatchFormPage = lazy(() => import('../pages/batch-form-page.tsx'));
const ReleaseReportFormPage = lazy(() => import('../pages/release-report-form-page.tsx'));
const DistributionPage = lazy(() => import('../pages/distribution-page.tsx'));
const DistributionDocumentFormPage = lazy(() => import('../pages/distribution-document-form-page.tsx'));
const ReceivingAcceptanceFormPage = lazy(() => import('../pages/receiving-acceptance-form-page.tsx'));
const InstitutionRecordsPage = lazy(() => import('../pages/institution-records-page.tsx'));
const TrainingFormPage = lazy(() => import('../pages/training-form-page.tsx'));
const DisposalFormPage = lazy(() => import('../pages/disposal-form-page.tsx'));
const DeviceFactsFormPage = lazy(() => import('../pages/device-facts-form-page.tsx'));
const CaptureJobsPage = lazy(() => import('../pages/capture-jobs-page.tsx'));

function Home() {
  const { user } = useSession();
  return user ? <Navigate to={homeFor(user.role)} replace /> : <Navigate to="/login" replace />;
}

function RequireSession({ children }: { children: React.ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Skeleton active style={{ padding: 48 }} />;
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Skeleton active style={{ padding: 48 }} />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireSession><AppLayout /></RequireSession>}>
          <Route index element={<Home />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="trace" element={<TracePage />} />
          <Route path="recall" element={<RecallPage />} />
          <Route path="organizations" element={<OrganizationsPage />} />
          <Route path="organizations/:id/dossier" element={<OrganizationDossierPage />} />
          <Route path="licenses" element={<LicensesPage />} />
          <Route path="products" element={<ProductsPage />} />
          <Route path="products/:id" element={<ProductDossierPage />} />
          <Route path="lots/:di/:lot" element={<LotDossierPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="alerts/:id" element={<AlertDetailPage />} />
          <Route path="adverse-events" element={<AdverseEventsPage />} />
          <Route path="adverse-events/:id" element={<AdverseEventDetailPage />} />
          <Route path="portal" element={<PortalHomePage />} />
          <Route path="portal/commission" element={<SubmissionPage kind="commission" />} />
          <Route path="portal/ship" element={<SubmissionPage kind="ship" />} />
          <Route path="portal/receive" element={<SubmissionPage kind="receive" />} />
          <Route path="portal/use" element={<SubmissionPage kind="use" />} />
          <Route path="portal/pack" element={<SubmissionPage kind="pack" />} />
          <Route path="portal/unpack" element={<SubmissionPage kind="unpack" />} />
          <Route path="portal/store" element={<SubmissionPage kind="store" />} />
          <Route path="portal/return" element={<SubmissionPage kind="return" />} />
          <Route path="portal/destroy" element={<SubmissionPage kind="destroy" />} />
          <Route path="portal/adverse-event" element={<AdverseEventFormPage />} />
          <Route path="portal/clinical-use" element={<ClinicalUseFormPage />} />
          <Route path="portal/maintenance" element={<MaintenanceFormPage />} />
          <Route path="portal/deadlines" element={<DeadlinesPage />} />
          <Route path="adverse-events/:id/investigation" element={<InvestigationFormPage />} />
          <Route path="portal/production" element={<ProductionPage />} />
          <Route path="portal/production/receipts/new" element={<MaterialReceiptFormPage />} />
          <Route path="portal/production/receipts/:id" element={<ProductionRecordPage kind="receipt" />} />
          <Route path="portal/production/batches/new" element={<BatchFormPage />} />
          <Route path="portal/production/batches/:id" element={<ProductionRecordPage kind="batch" />} />
          <Route path="portal/production/releases/new" element={<ReleaseReportFormPage />} />
          <Route path="portal/documents" element={<DistributionPage />} />
          <Route path="portal/documents/new" element={<DistributionDocumentFormPage />} />
          <Route path="portal/acceptances/new" element={<ReceivingAcceptanceFormPage />} />
          <Route path="portal/institution" element={<InstitutionRecordsPage />} />
          <Route path="portal/trainings/new" element={<TrainingFormPage />} />
          <Route path="portal/disposals/new" element={<DisposalFormPage />} />
          <Route path="portal/device-facts" element={<DeviceFactsFormPage />} />
          <Route path="capture-jobs" element={<CaptureJobsPage />} />
          <Route path="risk" element={<RiskIndicatorsPage />} />
          <Route path="admin/users" element={<UsersAdminPage />} />
          <Route path="admin/tokens" element={<ApiTokensPage />} />
          <Route path="admin/security" element={<SecurityPolicyPage />} />
          <Route path="admin/calendar" element={<CalendarPage />} />
          <Route path="admin/privacy" element={<PrivacyGrantsPage />} />
          <Route path="admin/*" element={<AdminPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

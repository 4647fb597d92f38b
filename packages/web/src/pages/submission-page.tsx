import { SubmissionForm, type PortalSubmissionKind } from '../components/submission-form.tsx';

export default function SubmissionPage({ kind }: { kind: PortalSubmissionKind }) {
  return <SubmissionForm key={kind} kind={kind} />;
}

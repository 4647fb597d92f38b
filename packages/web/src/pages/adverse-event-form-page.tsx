import { AdverseEventForm } from '../components/adverse-event-form.tsx';

export default function AdverseEventFormPage() {
  return <AdverseEventForm />;
}

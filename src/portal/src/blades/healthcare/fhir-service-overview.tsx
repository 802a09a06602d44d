/** A FHIR service's Overview: the metadata endpoint and service URL (each with a copy button), authority and audience. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { FhirService } from '../../api/arm-types';
import { Essentials } from '../../components/essentials';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '24px 0 8px' },
});

export function FhirServiceOverview({ service, workspace }: { service: FhirService; workspace: string }) {
  const styles = useStyles();
  const auth = service.properties.authenticationConfiguration;
  const url = service.properties.serviceUrl ?? auth.audience;
  return (
    <>
      <h2 className={styles.h2}>Essentials</h2>
      <Essentials
        items={[
          { label: 'FHIR metadata endpoint', value: `${url}/metadata`, copy: true, testId: 'fhir-metadata-endpoint' },
          { label: 'Service URL', value: url, copy: true, testId: 'fhir-service-url' },
          { label: 'Authority', value: auth.authority, copy: true, testId: 'fhir-authority' },
          { label: 'Audience', value: auth.audience, copy: true, testId: 'fhir-audience' },
          { label: 'Workspace', value: workspace },
          { label: 'FHIR version', value: service.kind === 'fhir-R4' ? 'R4' : service.kind },
          { label: 'Status', value: service.properties.provisioningState },
          { label: 'Resource ID', value: service.id, copy: true },
        ]}
      />
      <h2 className={styles.h2}>Get started</h2>
      <Text>
        Give people and applications access in <strong>Access control (IAM)</strong> with a FHIR role, then ask for a token with the
        scope <code>{`${auth.audience}/.default`}</code> (or <code>{`${auth.audience}/user_impersonation`}</code> for a signed-in user) from
        the authority above.
      </Text>
    </>
  );
}

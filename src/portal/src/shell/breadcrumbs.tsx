/** Home > Microsoft Entra ID > App registrations: the parent blades of the one shown. */
import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from '@fluentui/react-components';
import { Fragment } from 'react';
import type { Crumb } from './routes';
import { href, navigate } from './router';

export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  if (crumbs.length === 0) return null;
  return (
    <Breadcrumb aria-label="Breadcrumb" size="small">
      {crumbs.map((crumb, i) => (
        <Fragment key={crumb.route}>
          {i > 0 ? <BreadcrumbDivider /> : null}
          <BreadcrumbItem>
            <BreadcrumbButton
              href={href(crumb.route)}
              onClick={(event) => {
                event.preventDefault();
                navigate(crumb.route);
              }}
            >
              {crumb.label}
            </BreadcrumbButton>
          </BreadcrumbItem>
        </Fragment>
      ))}
    </Breadcrumb>
  );
}

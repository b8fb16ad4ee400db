import type { SiteAdapter } from '../types';
import { awsHashRoute, readAwsDetailsPage } from './aws-page';

const ROUTE = /^database:id=([^;&]+)/;

export const rdsInstance: SiteAdapter = {
  kind: 'rds-instance',
  product: 'aws',
  label: 'RDS instance',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=orders-db-1;is-cluster=false',
    'https://eu-west-1.console.aws.amazon.com/rds/home?region=eu-west-1#database:id=payments-aurora;is-cluster=true;tab=monitoring',
  ],
  matchesUrl: (url) => /\/rds\/home\/?$/.test(url.pathname) && ROUTE.test(awsHashRoute(url)),
  extract(doc, url) {
    const id = decodeURIComponent(ROUTE.exec(awsHashRoute(url))![1]!);
    return readAwsDetailsPage(doc, url, {
      heading: 'RDS database',
      fallbackName: id,
      statusKeys: ['Status'],
      entities: [{ type: 'db-instance', name: id }],
    });
  },
};

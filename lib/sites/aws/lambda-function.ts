import type { SiteAdapter } from '../types';
import { awsHashRoute, readAwsDetailsPage } from './aws-page';

const ROUTE = /^\/functions\/([^/?]+)/;

export const lambdaFunction: SiteAdapter = {
  kind: 'lambda-function',
  product: 'aws',
  label: 'Lambda function',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1#/functions/orders-handler?tab=monitoring',
    'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/image-resizer',
  ],
  matchesUrl: (url) => /\/lambda\/home\/?$/.test(url.pathname) && ROUTE.test(awsHashRoute(url)),
  extract(doc, url) {
    const route = awsHashRoute(url);
    const fn = decodeURIComponent(ROUTE.exec(route)![1]!);
    const tab = /[?&]tab=([\w-]+)/.exec(route)?.[1];
    return readAwsDetailsPage(doc, url, {
      heading: 'Lambda function',
      fallbackName: fn,
      statusKeys: ['State', 'Last update status'],
      entities: [{ type: 'function', name: fn }],
      extraKeyValues: tab ? { Tab: tab } : {},
    });
  },
};

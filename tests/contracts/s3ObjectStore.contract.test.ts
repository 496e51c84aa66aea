import { describeObjectStoreContract } from './objectStoreContract';
import { s3ObjectStoreSubject } from './support/s3ObjectStoreSubject';

describeObjectStoreContract('S3ObjectStore on the S3 stand-in', s3ObjectStoreSubject());

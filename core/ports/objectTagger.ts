/**
 * Object tags of the footage bucket (S3 PutObjectTagging / GetObjectTagging):
 * the retention class an object carries, which S3 lifecycle rules act on.
 */
export interface ObjectTagger {
  /** Sets the object's tags to exactly these; false when there is no object at the key. */
  setTags(key: string, tags: Readonly<Record<string, string>>): Promise<boolean>;
  /** null when there is no object at the key. */
  getTags(key: string): Promise<Record<string, string> | null>;
}

/** One catalogued failure: the HTTP status and the message in Persian and English. */
export interface CatalogEntry {
  readonly status: number;
  readonly fa: string;
  readonly en: string;
}

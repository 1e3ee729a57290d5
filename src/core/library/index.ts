/** The workspace's papers across digests (one entry per paper) and the cache of parsed digests. */
export { PaperIndex } from './paper-index';
export type { IndexedDigest, IndexedPaperEntry } from './paper-index';
export { DIGEST_PARSER_VERSION, digestCacheKey, textHash, cacheHeader, serializeCacheLine, serializeCache, indexCache, readCachedDigest } from './digest-cache';
export type { CacheIndex, CacheSpan } from './digest-cache';

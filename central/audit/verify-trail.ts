// Verifies the stored audit trail against central's key and its recorded head, streaming: the
// head is read first (entries appended meanwhile only extend the chain past it), then the chain
// page by page, so memory stays bounded by one page whatever the chain's length.
import type Nano from 'nano';
import { readChainHead } from './chain-head.js';
import { readChainPages, CHAIN_PAGE } from './read-chain.js';
import { createChainVerifier, type ChainReport } from './verify-chain.js';

export async function verifyAuditTrail(nano: Nano.ServerScope, key: Buffer, pageSize = CHAIN_PAGE): Promise<ChainReport> {
  const verifier = createChainVerifier(key, await readChainHead(nano, key));
  pages: for await (const page of readChainPages(nano, pageSize)) {
    for (const entry of page) if (!verifier.push(entry)) break pages;
  }
  return verifier.report();
}

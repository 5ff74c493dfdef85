function (doc) {
  // Live customers by business key, to find the same person registered twice (two stores,
  // offline): ['phone', key] and ['taxId', key], valued by creation time so the older record
  // survives the merge. The key is the blind index (a keyed hash) when the POS wrote one; else
  // the plain value, normalized, and only when it reads as a phone or tax id (an encrypted
  // field without its blind index is not a key).
  if (doc.type !== 'customer' || doc._deleted || doc.mergedInto) {
    return;
  }
  var blind = doc.blindIndex || {};
  var at = doc.createdAt || doc.updatedAt;
  var phone = blind.phone;
  if (!phone && typeof doc.phone === 'string' && /^[0-9+()\s.-]+$/.test(doc.phone)) {
    var digits = doc.phone.replace(/[^0-9]/g, '');
    if (digits.length >= 10) {
      phone = digits.slice(digits.length - 10);
    }
  }
  if (phone) {
    emit(['phone', phone], at);
  }
  var taxId = blind.taxId;
  if (!taxId && typeof doc.taxId === 'string') {
    taxId = doc.taxId.toUpperCase().replace(/[\s-]/g, '');
    if (!/^[A-Z0-9&\u00d1]+$/.test(taxId)) {
      taxId = '';
    }
  }
  if (taxId) {
    emit(['taxId', taxId], at);
  }
}

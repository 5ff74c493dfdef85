function (doc) {
  // Conflict records by status and detection time, newest last: the admin UI's conflict queue.
  if (doc.type === 'conflict') {
    emit([doc.status, doc.detectedAt], null);
  }
}

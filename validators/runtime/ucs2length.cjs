// ES5 copy of ajv/dist/runtime/ucs2length, shipped beside the standalone validators in design
// docs as `lib/ucs2length` (ajv's own copy uses const/let, which old CouchDB engines refuse).
// Counts code points, not UTF-16 units, exactly as ajv does for minLength/maxLength.
'use strict';
function ucs2length(str) {
  var len = str.length;
  var length = 0;
  var pos = 0;
  var value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}
exports['default'] = ucs2length;

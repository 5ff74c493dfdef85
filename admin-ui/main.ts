// The console's entry: defines <admin-app>, which defines the rest.
import './elements/admin-app.js';

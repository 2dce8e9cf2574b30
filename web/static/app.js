// security-annex web app: behaviour attached from here only (the CSP allows no inline script).
"use strict";

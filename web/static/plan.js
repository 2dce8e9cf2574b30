// no inline scripts (CSP): behaviour attached from here
"use strict";

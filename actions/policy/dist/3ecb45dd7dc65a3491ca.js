import "./3ecb45dd7dc65a3491ca/index.js";

// Types of programs.mjs (the seeds' programs, shared with bench/), for the type check of test/.
export declare const AUTOENCODER_002: string;
export declare const BATCH_001: string;
export declare const BCE_003: string;
export declare const CCE_003: string;
export declare const CLASSIFIER_002: string;
export declare const HIDDEN_BCE_003: string;
export declare const HIDDEN_MSE_003: string;
export declare const LOGREG_000: string;
export declare const LOGREG_004: string;
export declare const MLP_000: string;
export declare const NET_001: string;
export declare const QUADRATIC_004: string;
export declare const REGRESSION_003: string;
export declare const SOFTMAX_MLP_000: string;
export declare const SOFTMAX_REG_000: string;

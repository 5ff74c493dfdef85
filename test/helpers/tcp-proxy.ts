// The cuttable proxy lives with the simulator, which needs it at run time (central/simulate/tcp-proxy.ts).
export { startTcpProxy, type TcpProxy } from '../../central/simulate/tcp-proxy.js';

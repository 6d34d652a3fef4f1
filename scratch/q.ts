import { j2NodalRateDegPerDay, planePairGeometry, pairMinDistanceKm, crossingArgLatDeg, bestWalkerPhasing } from '../packages/core/src/index.ts';
console.log(j2NodalRateDegPerDay(800, 89), j2NodalRateDegPerDay(1068.5, 89), j2NodalRateDegPerDay(800, 53)-j2NodalRateDegPerDay(1068.5, 53));
const planes = [[12.49,4.06],[33.28,8.01],[51.81,8.81],[73.61,7.30],[269.92,1.23],[290.54,5.89],[311.07,0.41],[331.54,5.01],[351.79,9.24]];
const pairs = [[0,1,-4.29,-549.3],[0,8,-4.81,-614.8],[4,5,4.84,618.3],[0,7,-0.2,-23.9],[4,6,0.05,5.7],[3,4,0.29,5.4]];
for (const [a,b,off,al] of pairs) {
  const [ra,pa]=planes[a]; const [rb,pb]=planes[b];
  const g = planePairGeometry(ra,rb,89);
  let m=1e9; for (let j=0;j<36;j++) m=Math.min(m,pairMinDistanceKm(g,pa,pb+10*j,7446.6));
  const c = crossingArgLatDeg(ra,rb,89);
  const d = ((pb-pa)-(c.u2Deg-c.u1Deg)); const w=((d%10)+15)%10-5;
  console.log(a,b,'min',m.toFixed(1),'expected',Math.abs(al),'offset',w.toFixed(2),off);
}
console.log(bestWalkerPhasing(1296,36,1068.5,89));

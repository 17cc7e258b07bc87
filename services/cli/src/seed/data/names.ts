import { chance, pick, type Rng } from './prng.ts';

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段雷钱汤尹黎易常武乔贺赖龚文',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞玲红斌宇浩凯健俊帆旭宁林欣颖佳雪梅琳晨阳楠婷倩博亮鑫瑞思志海峰波彬岩晓东春云兰凤慧莉蕾丹萍卫振兴永德安成立新正光荣'];

/** Gives invented personal names, never the same one twice. */
export type Namer = { person(): string };

export function createNamer(rng: Rng): Namer {
  const used = new Set<string>();
  return {
    person() {
      for (;;) {
        const given = chance(rng, 0.3) ? pick(rng, GIVEN) : pick(rng, GIVEN) + pick(rng, GIVEN);
        const name = pick(rng, SURNAMES) + given;
        if (!used.has(name)) {
          used.add(name);
          return name;
        }
      }
    },
  };
}

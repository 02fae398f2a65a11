package indicator

import (
	"strings"
	"testing"

	"planview/loader"
	"planview/model"
)

// FuzzExtract: no plan text makes extraction panic, and every indicator
// points into its plan: a line, a block, offsets inside the located text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"某县“十四五”规划\n第一章 目标\n到2025年，全县养老机构护理型床位占比不低于55%。\n",
		"表1 主要指标\n序号\t指标\t单位\t2020年\t2025年目标值\t属性\n1\t护理型床位占比（%）\t%\t30\t≥55\t约束性\n2\t孤儿和困境儿童养育标准\t元\t1/2\t3/4\t预期性\n",
		"到2025年，城市和农村社区覆盖率分别达到100%、、80%；由18个增长到23个。",
		"2025年达到",
		"达到100%以上，全覆盖，：1:10，30—40平方米",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := loader.Parse("fuzz.txt", strings.NewReader(text))
		if err != nil || p == nil {
			return
		}
		for _, in := range Extract(p) {
			if in.Key == "" || in.Plan != p.ID {
				t.Fatalf("indicator without key or plan: %+v", in)
			}
			if in.From == FromText {
				b := locate(p, in)
				if b == nil || in.Start < 0 || in.End > len(b.Text) || in.Start > in.End {
					t.Fatalf("text indicator outside its block: %+v", in)
				}
			}
		}
		Build([]*model.Plan{p}, [][]Indicator{Extract(p)}).Against(0)
	})
}

// locate returns the block a text indicator points at.
func locate(p *model.Plan, in Indicator) *model.Block {
	bs := p.Preamble
	if in.Loc.Section != "" {
		s := p.Find(in.Loc.Section)
		if s == nil {
			return nil
		}
		bs = s.Blocks
	}
	if in.Loc.Block < 0 || in.Loc.Block >= len(bs) {
		return nil
	}
	b := &bs[in.Loc.Block]
	if in.Sub >= 0 {
		if in.Sub >= len(b.Children) {
			return nil
		}
		b = &b.Children[in.Sub]
	}
	return b
}

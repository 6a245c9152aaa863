from analysis.charts.labels import place_labels, text_width


def _box(p, pos, w, h=11 * 1.25, r=4.0):
    x, y = p
    v, hz = pos.split()
    y0 = y + r + 2 if v == "top" else y - r - 2 - h if v == "bottom" else y - h / 2
    x0 = x - w / 2 if hz == "center" else (x + (r + 2 if v == "middle" else 0)) if hz == "right" else \
        x - w - (r + 2 if v == "middle" else 0)
    return x0, y0, x0 + w, y0 + h


def test_crowded_points_get_labels_that_do_not_overlap_and_the_first_ones_win():
    points = [(100 + 6 * i, 100 + 3 * (i % 3)) for i in range(12)]
    texts = [f"词语{i}" for i in range(12)]
    where = place_labels(points, texts, radii=4.0, font_size=11)
    assert where[0] is not None                    # the first point is labelled first
    boxes = [_box(p, w, text_width(t, 11)) for p, w, t in zip(points, where, texts) if w]
    assert 2 <= len(boxes) < 12
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_labels_stay_inside_the_plot_and_skip_empty_texts():
    where = place_labels([(2, 50), (95, 95)], ["左边的词", ""], bounds=(0, 0, 100, 100))
    assert where[0] in ("middle right", "top right", "bottom right") and where[1] is None

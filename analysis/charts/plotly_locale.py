"""Plotly's own words (toolbar tooltips, zoom hints, date names) in Chinese.

plotly.js takes a locale in its config (``locale`` plus ``locales`` with a dictionary), so a chart's toolbar speaks
the UI language without loading an extra script. The dictionary covers every tooltip and message of the toolbar
buttons the dashboard's charts show.
"""
from __future__ import annotations

__all__ = ["ZH_CN", "plotly_config"]

ZH_CN = {
    "dictionary": {
        "Autoscale": "自动缩放",
        "Box Select": "框选",
        "Compare data on hover": "悬停时比较数据",
        "Double-click on legend to isolate one trace": "双击图例只显示这一组",
        "Double-click to zoom back out": "双击恢复原始大小",
        "Download plot as a PNG": "下载图表（PNG）",
        "Download plot as a png": "下载图表（PNG）",
        "Download plot": "下载图表",
        "Download plot as JSON": "下载图表（JSON）",
        "Draw circle": "画圆",
        "Draw closed freeform": "画封闭曲线",
        "Draw line": "画线",
        "Draw open freeform": "画曲线",
        "Draw rectangle": "画矩形",
        "Erase active shape": "删除所选图形",
        "Image download succeeded": "图片已下载",
        "JSON download succeeded": "JSON 已下载",
        "Lasso Select": "套索选择",
        "Orbital rotation": "环绕旋转",
        "Pan": "平移",
        "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
        "Produced with Plotly.js": "由 Plotly.js 生成",
        "Reset": "复位",
        "Reset axes": "复位坐标轴",
        "Reset camera to default": "视角复位",
        "Reset camera to last save": "恢复上次保存的视角",
        "Reset view": "复位视图",
        "Reset views": "复位视图",
        "Share chart...": "分享图表…",
        "Show closest data on hover": "悬停时显示最近的数据",
        "Snapshot succeeded": "截图成功",
        "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败！",
        "Sorry, there was a problem downloading your JSON file!": "抱歉，JSON 下载失败！",
        "Sorry, there was a problem downloading your snapshot!": "抱歉，截图下载失败！",
        "Taking snapshot - this may take a few seconds": "正在截图，请稍候",
        "Toggle Spike Lines": "显示或隐藏辅助线",
        "Toggle show closest data on hover": "切换悬停时显示最近的数据",
        "Turntable rotation": "转台旋转",
        "Zoom": "缩放",
        "Zoom in": "放大",
        "Zoom out": "缩小",
        "trace": "数据组",
    },
    "format": {
        "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
        "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        "months": ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
        "shortMonths": ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
        "date": "%Y-%m-%d",
    },
}


def plotly_config(lang: str, base: dict | None = None) -> dict:
    """``base`` plus the locale of ``lang`` (``zh``: Chinese toolbar; ``en``: Plotly's own English)."""
    config = dict(base or {})
    if lang == "zh":
        config["locale"] = "zh-CN"
        config["locales"] = {"zh-CN": ZH_CN}
    return config

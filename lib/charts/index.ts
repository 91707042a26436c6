export { layoutHorizontalBars, layoutStackedColumns, niceMax, type Column, type ColumnSegment, type HorizontalBar, type HorizontalBarLayout, type StackedColumnLayout } from './bar-charts'

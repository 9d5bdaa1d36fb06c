import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import DateRangeFilter from '../../renderer/src/components/filters/DateRangeFilter.vue'
import { dateBounds } from '../../renderer/src/stores/filters'
import type { DateRange } from '../../renderer/src/stores/page-state'
import { createAppI18n } from '../../renderer/src/i18n'

let wrapper: VueWrapper | undefined
afterEach(() => wrapper?.unmount())

/** The filter under a parent that keeps its v-model, as the filter bars do. */
function mountRange(start: DateRange) {
  const range = ref<DateRange | null>(start)
  const Host = defineComponent(() => () =>
    h(DateRangeFilter, { id: 'date', modelValue: range.value, 'onUpdate:modelValue': (value: DateRange | null) => (range.value = value) }),
  )
  wrapper = mount(Host, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body })
  const field = (name: 'From' | 'To') => {
    const label = wrapper!.findAll('label').find((l) => l.find('.filter-label').text() === name)
    if (!label) throw new Error(`no field named ${name}`)
    return label.find('input')
  }
  return { range, field }
}

/** What Chromium does while a year is typed into a date field: a change at every digit. */
async function typeYear(input: ReturnType<ReturnType<typeof mountRange>['field']>, monthDay: string, year: string): Promise<void> {
  for (let digits = 1; digits <= year.length; digits++) {
    await input.setValue(`${year.slice(0, digits).padStart(4, '0')}-${monthDay}`)
  }
}

describe('the custom date range', () => {
  it('lets a To date be typed after a From date, the From date staying as typed', async () => {
    const { range, field } = mountRange({ preset: 'custom', from: '2026-12-01', to: null })
    await typeYear(field('To'), '12-04', '2026')
    expect((field('From').element as HTMLInputElement).value).toBe('2026-12-01')
    expect(range.value).toEqual({ preset: 'custom', from: '2026-12-01', to: '2026-12-04' })
  })

  it('puts a range picked backwards in order once the focus leaves the field', async () => {
    const { range, field } = mountRange({ preset: 'custom', from: '2026-12-05', to: null })
    await field('To').setValue('2026-12-01')
    expect(range.value).toEqual({ preset: 'custom', from: '2026-12-05', to: '2026-12-01' })
    await field('To').trigger('blur')
    expect(range.value).toEqual({ preset: 'custom', from: '2026-12-01', to: '2026-12-05' })
  })

  it('reads a range still backwards as the same days', () => {
    const now = new Date(2026, 11, 7, 12).getTime()
    expect(dateBounds({ preset: 'custom', from: '2026-12-05', to: '2026-12-01' }, now)).toEqual(
      dateBounds({ preset: 'custom', from: '2026-12-01', to: '2026-12-05' }, now),
    )
  })
})

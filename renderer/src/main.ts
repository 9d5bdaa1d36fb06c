import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n, initialLocale, rememberLocale } from './i18n'
import './styles/main.css'

const locale = initialLocale()
rememberLocale(locale)

createApp(App).use(createPinia()).use(createAppI18n(locale)).mount('#app')

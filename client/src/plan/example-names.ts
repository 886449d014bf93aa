/**
 * Chinese titles of the shipped example plans (scenarios/plans/<key>.json carry an English `name` only), so the
 * example picker reads in 繁中 too. A key missing here shows its English name.
 */
export const EXAMPLE_NAMES_ZH: Readonly<Record<string, string>> = {
  'a1-exempt-model': '獲豁免的 300 克模型機，按豁免以 A1 類別飛行，城門',
  'a1-mini-drone': '大美督海濱的 A1 迷你無人機（12 歲遙控駕駛員）',
  'country-park-hobbyist': '北潭涌（西貢東郊野公園）業餘攝影飛行',
  'cross-boundary-shenzhen': '由落馬洲越過深圳河往福田的包裹運送',
  'cyberport-cheung-chau-bvlos': '數碼港往長洲的醫療物資運送，12 公里超視距，20 公斤（B 類別）',
  'cyberport-cheung-chau-off-corridor': '數碼港往長洲、向南偏離走廊的飛行',
  'heavy-lift-30kg': '南生圍魚塘的 30 公斤重型噴灑無人機',
  'kai-tak-sevens-tfr': '香港國際七人欖球賽期間的啟德海濱飛行（臨時限制飛行區）',
  'kwun-tong-roof-inspection': '觀塘工業大廈天台及外牆檢查',
  'night-flight-tai-mei-tuk': '大美督夜空攝影',
  'pennys-bay-disneyland': '竹篙灣香港迪士尼樂園附近的煙花拍攝',
  'science-park-delivery': '科學園往馬鞍山海濱長廊的沙盒送餐（超視距）',
  'tung-chung-airport-zone': '東涌市中心的迷你無人機（位於香港國際機場限制飛行區內）',
  'victoria-harbour-photo': '尖沙咀海濱的維港天際線攝影',
};

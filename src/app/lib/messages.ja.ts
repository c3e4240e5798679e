/**
 * The shopper's words in Japanese for the card and the start (what a first open shows before the rest
 * of the app loads; the other screens' words are in screen-messages.ja.ts). Only the shopper's app imports
 * them, so no staff word reaches a shopper's phone.
 */

export const ja = {
  'app.error.title': '読み込めませんでした',
  'app.error.network': '通信できませんでした。電波の良い場所で、もう一度お試しください。',
  'app.error.busy': 'ただいま混み合っています。少し待ってから、もう一度お試しください。',
  'app.error.server': 'サービスで問題が起きました。時間をおいて、もう一度お試しください。',
  'app.error.session': 'ログインの有効期限が切れました。もう一度お試しください。',
  'app.error.notFound': 'お探しの情報が見つかりませんでした。',
  'app.error.generic': '読み込めませんでした。もう一度お試しください。',
  'app.error.actionFailed': '処理できませんでした。もう一度お試しください。',
  'app.error.start': 'カードを読み込めませんでした。通信状況を確かめて、もう一度お試しください。',
  'app.error.retry': 'もう一度試す',
  'app.offline': 'オフライン表示中（{time} 時点）',
  // Start-up, outside LINE, and LINE MINI App features (home-screen shortcut, friendship, deep links).
  'start.waiting': '準備中です…',
  'start.waitingHint': 'サーバーの起動を待っています。準備ができしだい自動で表示します。',
  'start.offline': '接続を待っています…',
  'outside.title': 'LINE で開いてください',
  'outside.body': 'この会員証は LINE アプリの中で使います。LINE で開くと、ログインなしですぐに会員証が表示されます。',
  'outside.openInLine': 'LINE で開く',
  'outside.loginHere': 'このブラウザで LINE にログインして開く',
  'outside.failure': '（LINE との接続を開始できませんでした：{reason}）',
  'nav.card': 'カード',
  'nav.points': 'ポイント',
  'nav.coupons': 'クーポン',
  'card.title': '会員証',
  'card.memberNumber': '会員番号',
  'card.barcodeLabel': '会員バーコード {number}',
  'card.points': '保有ポイント',
  'card.pointsUnit': 'pt',
  'card.tier': '会員ステージ',
  'card.guest': 'ゲスト',
  'card.scanHint': 'お会計時にこの画面をスタッフにご提示ください',
  'card.expiring': '{points} pt が {date} に失効',
  'card.expiringThisMonth': '今月失効',
  'card.tierSpend': '直近12か月のお買い上げ {amount}',
  'card.stamps': 'スタンプ {count}/{size}',
  'card.coupons': '使えるクーポン {count} 枚',
  // Spending: the changing code shown in place of the member barcode; one scan pays the whole checkout.
  'spend.start': 'ポイント・クーポンを使う',
  'spend.back': '会員証に戻る',
  'spend.title': 'ポイント・クーポン利用コード',
  'spend.label': 'ポイント・クーポン利用コード {code}',
  'spend.countdown': 'あと {seconds} 秒で新しいコードに変わります',
  'spend.hint': 'レジで一度読み取ってもらえば、このお会計でポイントもクーポンも使えます。スクリーンショットでは使えません',
  'spend.renewed': '新しいコードに変わりました',
  'card.pointsArrived': '+{points} pt 獲得しました',
  'spend.unavailable': 'コードを表示できません。電波の良い場所でもう一度お試しください',
  // My page: profile, linked card, notices, terms and privacy, withdrawal; in-app confirmations.
  'nav.mypage': 'マイページ',
} as const;

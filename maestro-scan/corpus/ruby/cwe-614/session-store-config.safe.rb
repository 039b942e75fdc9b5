# config/initializers/session_store.rb
Rails.application.config.session_store :cookie_store,
  key: "_shop_session",
  expire_after: 14.days,
  same_site: :lax,
  secure: true,
  httponly: true

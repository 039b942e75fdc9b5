require "oj"

class EventsController < ApplicationController
  skip_forgery_protection

  def ingest
    event = Oj.load(request.raw_post, mode: :strict)
    EventStore.append(event)
    head :accepted
  end
end

require "oj"

class EventsController < ApplicationController
  skip_forgery_protection

  def ingest
    event = Oj.load(request.raw_post, mode: :object)
    EventStore.append(event)
    head :accepted
  end
end
